import { Burger, Group } from '@mantine/core';
import { BrandMark } from '@/components/BrandMark';
import { EnvironmentBadge } from '@/features/system';
import { SearchButton } from './SearchButton';
import { UserMenu } from './UserMenu';

interface ConsoleHeaderProps {
  navbarOpened: boolean;
  onToggleNavbar: () => void;
}

export function ConsoleHeader({ navbarOpened, onToggleNavbar }: ConsoleHeaderProps) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navbarOpened} onClick={onToggleNavbar} hiddenFrom="sm" size="sm" aria-label={navbarOpened ? 'Close navigation' : 'Open navigation'} />
        <BrandMark />
        <EnvironmentBadge />
      </Group>
      <Group gap="md" wrap="nowrap">
        <SearchButton />
        <UserMenu />
      </Group>
    </Group>
  );
}
