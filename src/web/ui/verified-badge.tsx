import { Badge } from '@mantine/core';

export function VerifiedBadge({ verifiedAt }: { verifiedAt: string | null }) {
  return verifiedAt ? (
    <Badge color="green" variant="light">
      Verified
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Not verified
    </Badge>
  );
}
