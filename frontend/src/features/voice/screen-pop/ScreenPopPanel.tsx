import type { RingingCall, RingingQueue, VoiceQueue } from '@contracts/voice';
import { VOICE_QUEUES } from '@contracts/voice';
import { Badge, Box, Button, Card, Checkbox, Drawer, Group, Indicator, Popover, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconHeadset, IconPhoneIncoming } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { formatMoney } from '@/lib/money';
import { notifyProblem } from '@/lib/notify';
import { takeCall, useAvailability, useUpdateAvailability } from '../api/screen-pop';
import { useScreenPop } from './use-screen-pop';

export const QUEUE_LABELS: Record<RingingQueue, string> = {
  claims: 'Claims',
  payments: 'Payments',
  policy_changes: 'Policy changes',
  agent: 'Agent',
  urgent: 'Urgent',
};

/** The console header's phone control: the queues the agent takes calls in, and the calls ringing for them (the screen pop). */
export function ScreenPopPanel() {
  const { can } = useAuth();
  if (!can('calls:answer')) return null;
  return <PhonePanel />;
}

function PhonePanel() {
  const availability = useAvailability();
  const update = useUpdateAvailability();
  const queues = (availability.data?.queues ?? []).map((q) => q.queue);
  const { calls, now, remove } = useScreenPop(queues.length > 0, queues.join(','));
  const [hidden, setHidden] = useState<string[]>([]);
  const visible = calls.filter((c) => !hidden.includes(c.id));

  const setQueues = (next: string[]) => update.mutate(next as VoiceQueue[], { onError: (error) => notifyProblem(error, 'Your phone queues were not saved') });

  return (
    <>
      <Indicator disabled={!calls.length} label={calls.length} size={16} color="red">
        <Popover position="bottom-end" shadow="md" width={260}>
          <Popover.Target>
            <Button
              variant={queues.length ? 'light' : 'subtle'}
              color={queues.length ? 'teal' : 'gray'}
              size="compact-sm"
              aria-label={queues.length ? `Phone: available in ${queues.length} queue${queues.length > 1 ? 's' : ''}` : 'Phone: unavailable'}
              onClick={() => setHidden([])}
            >
              <Group gap={6} wrap="nowrap">
                <IconHeadset size={16} />
                {/* On a phone the headset alone (and its colour) says it: the header has no room for the word. */}
                <Box component="span" visibleFrom="sm">
                  {queues.length ? 'Available' : 'Unavailable'}
                </Box>
              </Group>
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Checkbox.Group label="Take calls in" description="Urgent calls ring whenever you take calls in any queue." value={queues} onChange={setQueues}>
              <Stack gap={6} mt="xs">
                {VOICE_QUEUES.map((q) => (
                  <Checkbox key={q} value={q} label={QUEUE_LABELS[q]} disabled={update.isPending || availability.isPending} />
                ))}
              </Stack>
            </Checkbox.Group>
          </Popover.Dropdown>
        </Popover>
      </Indicator>
      <Drawer
        opened={visible.length > 0}
        onClose={() => setHidden(calls.map((c) => c.id))}
        position="right"
        size="md"
        withOverlay={false}
        lockScroll={false}
        trapFocus={false}
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': 'Hide incoming calls' }}
        title={
          <Group gap="xs">
            <IconPhoneIncoming size={20} />
            <Title order={3} size="h4">
              Incoming {visible.length === 1 ? 'call' : `calls (${visible.length})`}
            </Title>
          </Group>
        }
      >
        <Stack>
          {visible.map((call) => (
            <RingingCallCard key={call.id} call={call} now={now} onGone={() => remove(call.id)} />
          ))}
        </Stack>
      </Drawer>
    </>
  );
}

function RingingCallCard({ call, now, onGone }: { call: RingingCall; now: number; onGone: () => void }) {
  const navigate = useNavigate();
  const [taking, setTaking] = useState(false);
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(call.ringUntil) - now) / 1000));
  const customer = call.caller?.customer;

  const take = async () => {
    setTaking(true);
    try {
      const taken = await takeCall(call.id);
      onGone();
      notifications.show({ color: 'teal', title: 'Call taken', message: `${customer ? customer.name : call.from} — the case is open.` });
      void navigate(`/cases/${taken.caseId}`);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'CALL_ALREADY_TAKEN' || error.code === 'CALL_NO_LONGER_RINGING')) {
        onGone();
        notifications.show({
          color: 'yellow',
          title: error.code === 'CALL_ALREADY_TAKEN' ? 'Another agent took this call' : 'This call is no longer ringing',
          message: error.detail,
        });
      } else notifyProblem(error, 'The call was not taken');
    } finally {
      setTaking(false);
    }
  };

  return (
    <Card withBorder padding="sm" role="group" aria-label={`Incoming call from ${customer ? customer.name : call.from}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Text fw={600}>{customer ? customer.name : 'Unknown caller'}</Text>
          <Text size="sm" c="dimmed">
            {call.from}
            {customer ? ` · ${customer.customerNumber} · ${customer.status} · KYC ${customer.kycStatus}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {call.line.name} · rings {secondsLeft} s more
          </Text>
        </div>
        <Badge color={call.queue === 'urgent' ? 'red' : 'blue'}>{QUEUE_LABELS[call.queue]}</Badge>
      </Group>
      {call.caller && (
        <Stack gap={4} mt="xs">
          {Object.entries(call.caller.sections).map(([key, section]) => (
            <div key={key}>
              <Text size="sm" fw={500}>
                {section.title}: {section.count}
                {section.total && section.total.amount > 0 ? ` · ${formatMoney(section.total.amount, section.total.currency)}` : ''}
              </Text>
              {section.items.map((item) => (
                <Text key={item.id} size="xs">
                  {item.href ? <Link to={item.href}>{item.label}</Link> : item.label}
                  {item.detail ? ` — ${item.detail}` : ''}
                </Text>
              ))}
            </div>
          ))}
        </Stack>
      )}
      <Button mt="sm" fullWidth color="teal" loading={taking} onClick={() => void take()} leftSection={<IconPhoneIncoming size={16} />}>
        Take call
      </Button>
    </Card>
  );
}
