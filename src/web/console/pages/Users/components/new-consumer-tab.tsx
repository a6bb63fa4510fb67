import { useState } from 'react';

import type { CreatedConsumer } from '../../../../../contracts/consumers.js';
import { CredentialsPanel } from './credentials-panel.js';
import { NewConsumerForm } from './new-consumer-form.js';

/** The creation form, then the one-time Login Credentials of the account it made. */
export function NewConsumerTab() {
  const [created, setCreated] = useState<CreatedConsumer | null>(null);

  if (created)
    return <CredentialsPanel created={created} onCreateAnother={() => setCreated(null)} />;
  return <NewConsumerForm onCreated={setCreated} />;
}
