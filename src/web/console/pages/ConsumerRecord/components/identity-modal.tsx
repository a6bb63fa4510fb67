import { Modal } from '@mantine/core';

import { updateIdentityBodySchema } from '../../../../../contracts/consumers.js';
import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { IdentityFields } from '../../../components/identity-fields.js';
import type { IdentityValues } from '../../../components/identity-fields.js';
import { useUpdateIdentity } from '../../../hooks/use-consumers.js';
import { RecordFormLayout } from './record-form-layout.js';
import { useRecordForm } from './use-record-form.js';

const fields = ['firstName', 'lastName', 'country'] as const;

const toValues = (consumer: ConsumerView): IdentityValues => ({
  firstName: consumer.firstName,
  lastName: consumer.lastName,
  country: consumer.country,
});

const toInput = (values: IdentityValues) => values;

interface EditProps {
  consumer: ConsumerView;
  onClose: () => void;
}

function IdentityForm({ consumer, onClose }: EditProps) {
  const save = useUpdateIdentity();
  const edit = useRecordForm({
    consumer,
    toValues,
    toInput,
    schema: updateIdentityBodySchema,
    fields,
    save,
    onSaved: onClose,
  });

  return (
    <RecordFormLayout
      notice={edit.notice}
      formError={edit.formError}
      pending={edit.pending}
      onSubmit={edit.submit}
      onCancel={onClose}
    >
      <IdentityFields
        values={edit.form.values}
        errors={edit.form.errors}
        onChange={edit.form.setField}
      />
    </RecordFormLayout>
  );
}

export function IdentityModal({ opened, ...props }: EditProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Modify the identity" size="md">
      <IdentityForm {...props} />
    </Modal>
  );
}
