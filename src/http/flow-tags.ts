import { applicationTags } from '../applications/routes.ts';
import { customsTags } from '../customs/declaration-routes.ts';
import { quotaTags } from '../customs/quota-routes.ts';
import { notificationTags } from '../notifications/routes.ts';
import { permitTags } from '../permits/routes.ts';

/** The OpenAPI tags of the flow modules (operations to customs), each described beside its routes. */
export const FLOW_TAGS = [...applicationTags, ...permitTags, ...notificationTags, ...customsTags, ...quotaTags];
