import { Alert, Anchor, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';

export interface Problem {
  /** Form path of the field, or e.g. `effectiveFrom`. */
  path: string;
  /** "Factor table AGE · row 3 · From" */
  location: string;
  message: string;
}

interface ProblemSummaryProps {
  title: string;
  problems: Problem[];
  /** Changes whenever the summary should take the keyboard (after a failed save or publish). */
  focusRequest: number;
  onSelect: (path: string) => void;
}

/**
 * Every problem at the top of the editor; each one is a link that scrolls to its field and puts the
 * cursor in it. The list shrinks as fields are corrected.
 */
export function ProblemSummary({ title, problems, focusRequest, onSelect }: ProblemSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusRequest === 0) return;
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
  }, [focusRequest]);

  if (problems.length === 0) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" variant="light" icon={<IconAlertCircle />} title={title} role="alert" style={{ scrollMarginTop: 72 }}>
      <Text size="sm" mb={6}>
        {problems.length === 1 ? 'One problem' : `${problems.length} problems`} to fix. Select one to go to it.
      </Text>
      <List size="sm" spacing={4} aria-label="Problems">
        {problems.map((problem) => (
          <List.Item key={problem.path}>
            <Anchor component="button" type="button" size="sm" fw={500} onClick={() => onSelect(problem.path)}>
              {problem.location}
            </Anchor>
            : {problem.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
