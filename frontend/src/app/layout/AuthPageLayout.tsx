import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '@/components/BrandMark';

interface AuthPageLayoutProps {
  title: string;
  subtitle?: string;
  children: ReactNode;
}

/** The pages outside the console shell (login, forced password change): one centred card. */
export function AuthPageLayout({ title, subtitle, children }: AuthPageLayoutProps) {
  return (
    <Center component="main" mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <BrandMark size="lg" />
        </Center>
        <Paper withBorder shadow="xs" p="xl" radius="md">
          <Box mb="lg">
            <Title order={1} size="h3">
              {title}
            </Title>
            {subtitle && (
              <Text size="sm" c="dimmed" mt={4}>
                {subtitle}
              </Text>
            )}
          </Box>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
