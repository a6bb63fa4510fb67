import { Modal } from '@mantine/core';

import { updateCoordinatesBodySchema } from '../../../../../contracts/consumers.js';
import type { ConsumerView } from '../../../../../contracts/consumers.js';
import { CoordinatesFields } from '../../../components/coordinates-fields.js';
import type { CoordinatesValues } from '../../../components/coordinates-fields.js';
import { useUpdateCoordinates } from '../../../hooks/use-consumers.js';
import { RecordFormLayout } from './record-form-layout.js';
import { useRecordForm } from './use-record-form.js';

const fields = ['email', 'phone'] as const;

const toValues = (consumer: ConsumerView): CoordinatesValues => ({
  email: consumer.email,
  phone: consumer.phone ?? '',
});

// An emptied Phone number is sent as "" so the server removes it rather than keeping the old one.
const toInput = (values: CoordinatesValues) => ({
  email: values.email,
  phone: values.phone.trim(),
});

interface EditProps {
  consumer: ConsumerView;
  onClose: () => void;
}

function CoordinatesForm({ consumer, onClose }: EditProps) {
  const save = useUpdateCoordinates();
  const edit = useRecordForm({
    consumer,
    toValues,
    toInput,
    schema: updateCoordinatesBodySchema,
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
      <CoordinatesFields
        values={edit.form.values}
        errors={edit.form.errors}
        onChange={edit.form.setField}
      />
    </RecordFormLayout>
  );
}

export function CoordinatesModal({ opened, ...props }: EditProps & { opened: boolean }) {
  return (
    <Modal opened={opened} onClose={props.onClose} title="Edit Coordinates" size="md">
      <CoordinatesForm {...props} />
    </Modal>
  );
}
