import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';

import { useConsumerSearch } from '../../../hooks/use-consumers.js';
import { ConsumerResults } from './consumer-results.js';

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };

  return (
    <form onSubmit={submit} role="search">
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label="Search"
          placeholder="Name, email or phone number"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          leftSection={<IconSearch size={16} />}
          style={{ flex: 1, maxWidth: 560 }}
        />
        <Button type="submit">Search</Button>
      </Group>
    </form>
  );
}

/** Best matches first for a name, email or phone number; the query and page live in the URL. */
export function SearchTab() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const cursor = params.get('cursor');
  const results = useConsumerSearch(q, cursor);

  const search = (next: string) => setParams(next ? { tab: 'search', q: next } : { tab: 'search' });
  const openPage = (next: string) => setParams({ tab: 'search', q, cursor: next });

  return (
    <Stack gap="lg">
      {/* Keyed by the query so going back in history shows that search's words in the box. */}
      <SearchForm key={q} initial={q} onSearch={search} />
      {q ? (
        <ConsumerResults query={results} onPage={openPage} />
      ) : (
        <Text c="dimmed" size="sm">
          Type a name, email or phone number, then click Search.
        </Text>
      )}
    </Stack>
  );
}
