// Shapes the service module's repositories share.
export type { Page } from '../../contracts/common';

export interface RecordLinkShape {
  kind: string;
  id: string;
}
