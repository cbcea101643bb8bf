import { Group, Loader, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { MIN_QUERY_LENGTH, useSpotlightSearch } from '../api/use-spotlight-search';
import type { SourceResult } from '../api/use-spotlight-search';
import type { SpotlightSource } from '../spotlight-sources';
import { attachSpotlight } from '../spotlight-shortcut';

export interface SpotlightPage {
  label: string;
  to: string;
  icon: Icon;
}

function SourceResultsGroup({ result, onOpen }: { result: SourceResult; onOpen: (to: string) => void }) {
  const { source, items, error } = result;
  if (items.length === 0 && error === null) return null;
  return (
    <Spotlight.ActionsGroup label={source.label}>
      {items.map((item) => (
        <Spotlight.Action key={item.id} label={item.label} description={item.description} leftSection={item.leftSection} onClick={() => onOpen(item.to)} />
      ))}
      {error !== null && (
        <Text size="sm" c="red" px="md" py="xs">
          {source.label} could not be searched: {describeError(error).title}
        </Text>
      )}
    </Spotlight.ActionsGroup>
  );
}

/**
 * Enter with nothing selected opens the first result. Mantine selects the first action only when the
 * query changes, so records that arrive afterwards were left unselected and Enter did nothing.
 */
function openFirstWhenNoneSelected(event: KeyboardEvent<HTMLInputElement>) {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const dialog = event.currentTarget.closest('[role="dialog"]');
  if (!dialog || dialog.querySelector('[data-action][data-selected]')) return;
  dialog.querySelector<HTMLElement>('[data-action]')?.click();
}

/** Ctrl/Cmd+K anywhere in the console: jump to a page, or find a record through the registered sources. */
export function ConsoleSpotlight({ pages, sources: allSources }: { pages: SpotlightPage[]; sources: readonly SpotlightSource[] }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const [query, setQuery] = useState('');
  const term = query.trim();
  const sources = useMemo(() => allSources.filter((source) => !source.permission || can(source.permission)), [allSources, can]);
  const { results, searching } = useSpotlightSearch(term, sources);

  const tooShort = term.length > 0 && term.length < MIN_QUERY_LENGTH;
  const matchingPages = pages.filter((page) => page.label.toLowerCase().includes(term.toLowerCase()));
  const found = matchingPages.length + results.reduce((count, result) => count + result.items.length, 0);
  const failed = results.some((result) => result.error !== null);
  // The shortcut itself is installed at start-up (installSpotlightShortcut), so none here.
  useEffect(attachSpotlight, []);

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={null} scrollable maxHeight={420}>
      <Spotlight.Search
        placeholder="Search pages and records…"
        aria-label="Search pages and records"
        onKeyDown={openFirstWhenNoneSelected}
        leftSection={<IconSearch size={18} stroke={1.5} />}
      />
      <Spotlight.ActionsList>
        {tooShort ? (
          <Spotlight.Empty>Type at least {MIN_QUERY_LENGTH} characters</Spotlight.Empty>
        ) : (
          <>
            {matchingPages.length > 0 && (
              <Spotlight.ActionsGroup label="Pages">
                {matchingPages.map((page) => (
                  <Spotlight.Action key={page.to} label={page.label} leftSection={<page.icon size={18} stroke={1.5} />} onClick={() => navigate(page.to)} />
                ))}
              </Spotlight.ActionsGroup>
            )}
            {term.length >= MIN_QUERY_LENGTH && results.map((result) => <SourceResultsGroup key={result.source.id} result={result} onOpen={(to) => navigate(to)} />)}
            {searching && (
              <Spotlight.Empty>
                <Group gap="xs" justify="center">
                  <Loader size="xs" />
                  Searching…
                </Group>
              </Spotlight.Empty>
            )}
            {!searching && found === 0 && !failed && <Spotlight.Empty>No results for “{term}”</Spotlight.Empty>}
          </>
        )}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Text size="xs" c="dimmed">
          ↑ ↓ to move · Enter to open · Esc to close
        </Text>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
