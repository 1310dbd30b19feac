/** Shapes of the ICT project API responses, taken from the API's own schemas. */
import type { z } from 'zod';
import type {
  projectDetail,
  projectList,
  projectSummary,
  settingsResponse,
  timelineResponse,
} from '../../../../api/schemas/projects';

export type ProjectSummary = z.infer<typeof projectSummary>;
export type ProjectList = z.infer<typeof projectList>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type ProjectTimeline = z.infer<typeof timelineResponse>;
export type ProjectSettings = z.infer<typeof settingsResponse>;
export type GateProgress = ProjectDetail['gates'][number];
