import { Loader, Paper, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { HomeTile } from '@/lib/feature';
import { countText } from '@/lib/list-count';

/** A home page figure: the count, large, above what it counts; the whole tile opens the list. */
export function CountTile({ tile }: { tile: HomeTile }) {
  const { data, isPending, error } = tile.useCount();
  const text = data ? countText(data) : null;
  const figure = text ? text.short : error ? '—' : null;
  const urgent = Boolean(tile.urgent && data && data.count > 0);
  const name = text ? `${tile.label}: ${text.long}` : error ? `${tile.label}: could not be counted` : `${tile.label}: counting…`;
  return (
    <UnstyledButton component={Link} to={tile.to} aria-label={name} data-tile={tile.id} style={{ display: 'block', height: '100%' }}>
      <Paper withBorder p="md" h="100%">
        {isPending && !error ? (
          <Loader size="sm" aria-hidden />
        ) : (
          <Text fz={32} fw={700} lh={1.1} c={urgent ? 'red.8' : undefined}>
            {figure}
          </Text>
        )}
        <Text size="sm" mt={4}>
          {tile.label}
        </Text>
        {error && (
          <Text size="xs" c="dimmed">
            Could not be counted
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
}
