import { Burger, Group } from '@mantine/core';
import { BrandMark } from '@/components/BrandMark';
import { HelpButton } from '@/features/knowledge';
import { EnvironmentBadge } from '@/features/system';
import { ScreenPopPanel } from '@/features/voice';
import { SearchButton } from './SearchButton';
import { UserMenu } from './UserMenu';

interface ConsoleHeaderProps {
  navbarOpened: boolean;
  onToggleNavbar: () => void;
}

export function ConsoleHeader({ navbarOpened, onToggleNavbar }: ConsoleHeaderProps) {
  return (
    <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Burger opened={navbarOpened} onClick={onToggleNavbar} hiddenFrom="sm" size="sm" aria-label={navbarOpened ? 'Close navigation' : 'Open navigation'} />
        <BrandMark wordFrom="xs" />
        <EnvironmentBadge />
      </Group>
      <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
        <ScreenPopPanel />
        <SearchButton />
        <HelpButton />
        <UserMenu />
      </Group>
    </Group>
  );
}
