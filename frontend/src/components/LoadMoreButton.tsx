import { Button, Center } from '@mantine/core';

interface LoadMoreButtonProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
}

/** Keyset-paged lists grow on request; there is no page count to jump to. */
export function LoadMoreButton({ hasNextPage, isFetchingNextPage, onLoadMore }: LoadMoreButtonProps) {
  if (!hasNextPage) return null;
  return (
    <Center>
      <Button variant="default" loading={isFetchingNextPage} onClick={onLoadMore}>
        Load more
      </Button>
    </Center>
  );
}
