import { SimpleGrid, Stack } from '@mantine/core';

import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { DeleteSection, ForceActivationSection } from './security/lifecycle-sections.js';
import { PasswordChangeSection } from './security/password-change-section.js';
import { PasswordResetSection } from './security/password-reset-section.js';
import { ProjectLimitSection } from './security/project-limit-section.js';
import { SessionsSection } from './security/sessions-section.js';
import { TwoStepSection } from './security/two-step-section.js';

/** The Security tab: passwords, second step, sessions, project limit, activation and deletion. */
export function SecurityPanel({ consumer }: { consumer: ConsumerView }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <PasswordResetSection consumerId={consumer.id} />
        <PasswordChangeSection consumer={consumer} />
        <TwoStepSection consumer={consumer} />
        <ProjectLimitSection consumer={consumer} />
      </SimpleGrid>
      <SessionsSection consumerId={consumer.id} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ForceActivationSection consumer={consumer} />
        <DeleteSection consumer={consumer} />
      </SimpleGrid>
    </Stack>
  );
}
