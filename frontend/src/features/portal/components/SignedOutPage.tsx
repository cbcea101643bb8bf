import { Center, Container, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from '@/components/BrandMark';

/** The frame of the signed-out pages (log in, register): the brand, a title, one card. Phone first. */
export function SignedOutPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Container size={440} px="md" py="xl" component="main">
      <Stack gap="lg">
        <Center>
          <BrandMark size="lg" />
        </Center>
        <Title order={1} ta="center" fz="h2">
          {title}
        </Title>
        <Paper withBorder radius="md" p="lg">
          {children}
        </Paper>
      </Stack>
    </Container>
  );
}
