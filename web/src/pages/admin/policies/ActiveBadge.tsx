import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shows whether a policy or rule is active, as a badge in its row. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  // A narrow table column would otherwise cut the word short with an ellipsis.
  const style = { minWidth: 'max-content' };
  return active ? (
    <Badge variant="light" color="teal" style={style}>
      {t('admin.common.active')}
    </Badge>
  ) : (
    <Badge variant="filled" color="gray.8" style={style}>
      {t('admin.common.inactive')}
    </Badge>
  );
}
