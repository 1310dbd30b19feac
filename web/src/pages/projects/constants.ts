/** Lists from the project model that the screens offer as choices. */
import {
  documentStages,
  projectDocumentKinds,
  releaseChecklistItems,
  type ProjectDocumentKind,
  type ReleaseChecklistItem,
} from '../../../../common/ict-project';

export { releaseChecklistItems, type ReleaseChecklistItem };

/** Document kinds attached while the procurement runs. */
export const procurementDocumentKinds: ProjectDocumentKind[] = projectDocumentKinds.filter(
  (kind) => documentStages[kind] === 'procurement',
);
