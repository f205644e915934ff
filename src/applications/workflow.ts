import type { OfficerRole } from '../registry/schemas.ts';

/**
 * The whole workflow in one table: which action may be taken from which status, by whom, and
 * where it leads. `transition()` (transition.ts) is the only code that changes an application's
 * status, and it consults nothing but this table and the guards below.
 */
export const STATUSES = [
  'submitted',
  'assigned',
  'in_review',
  'information_requested',
  'answered',
  'proposed',
  'approved',
  'rejected',
  'withdrawn',
  'approved_by_silence',
  'denied_by_silence',
] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses in which the legal clock runs (information_requested stops it). */
export const CLOCK_RUNNING: readonly Status[] = ['submitted', 'assigned', 'in_review', 'answered', 'proposed'];
export const OPEN: readonly Status[] = [...CLOCK_RUNNING, 'information_requested'];
export const FINAL: readonly Status[] = [
  'approved',
  'rejected',
  'withdrawn',
  'approved_by_silence',
  'denied_by_silence',
];

export type ActorKind = 'officer' | 'applicant' | 'system';

export interface ActionRule {
  from: readonly Status[];
  to: Status;
  actor: ActorKind;
  /** Officer roles that may take it (any of them). */
  roles?: readonly OfficerRole[];
  /** Signed with the actor's e.firma (kept as evidence). */
  signed: boolean;
  /** Only the officer the application is assigned to (or a supervisor of the agency). */
  assigneeOnly?: boolean;
  /** Only for procedures that need (true) or do not need (false) four eyes. */
  fourEyes?: boolean;
  /** The resolver must not be the officer who proposed. */
  notProposer?: boolean;
}

const REVIEWERS = ['reviewer', 'resolver', 'supervisor'] as const;

export const ACTIONS = {
  assign: {
    from: ['submitted', 'assigned', 'in_review', 'answered'],
    to: 'assigned',
    actor: 'officer',
    roles: REVIEWERS,
    signed: false,
  },
  start_review: {
    from: ['assigned'],
    to: 'in_review',
    actor: 'officer',
    roles: REVIEWERS,
    signed: false,
    assigneeOnly: true,
  },
  request_information: {
    from: ['in_review'],
    to: 'information_requested',
    actor: 'officer',
    roles: REVIEWERS,
    signed: true,
    assigneeOnly: true,
  },
  answer: { from: ['information_requested'], to: 'answered', actor: 'applicant', signed: true },
  resume_review: {
    from: ['answered'],
    to: 'in_review',
    actor: 'officer',
    roles: REVIEWERS,
    signed: false,
    assigneeOnly: true,
  },
  propose_approval: {
    from: ['in_review'],
    to: 'proposed',
    actor: 'officer',
    roles: ['reviewer', 'supervisor'],
    signed: true,
    assigneeOnly: true,
    fourEyes: true,
  },
  propose_rejection: {
    from: ['in_review'],
    to: 'proposed',
    actor: 'officer',
    roles: ['reviewer', 'supervisor'],
    signed: true,
    assigneeOnly: true,
    fourEyes: true,
  },
  return_proposal: {
    from: ['proposed'],
    to: 'in_review',
    actor: 'officer',
    roles: ['resolver', 'supervisor'],
    signed: false,
    notProposer: true,
  },
  approve: {
    from: ['in_review', 'proposed'],
    to: 'approved',
    actor: 'officer',
    roles: ['resolver'],
    signed: true,
    notProposer: true,
  },
  reject: {
    from: ['in_review', 'proposed'],
    to: 'rejected',
    actor: 'officer',
    roles: ['resolver'],
    signed: true,
    notProposer: true,
  },
  withdraw: { from: OPEN, to: 'withdrawn', actor: 'applicant', signed: true },
  auto_approve: { from: ['submitted'], to: 'approved', actor: 'system', signed: false },
  silence_approve: { from: CLOCK_RUNNING, to: 'approved_by_silence', actor: 'system', signed: false },
  silence_deny: { from: CLOCK_RUNNING, to: 'denied_by_silence', actor: 'system', signed: false },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

export interface GuardFacts {
  status: Status;
  fourEyes: boolean;
  actor: ActorKind;
  roles: readonly OfficerRole[];
  isAssignee: boolean;
  isProposer: boolean;
  /**
   * The proposal being resolved, when there is one: approve must follow a proposed approval, reject a proposed
   * rejection.
   */
  proposedDecision: 'approve' | 'reject' | null;
}

/** Why an action is not allowed, or null when it is: pure, so the inbox can show the available actions. */
export function refusal(action: Action, f: GuardFacts): { code: string; message: string } | null {
  const rule: ActionRule = ACTIONS[action];
  if (!rule.from.includes(f.status)) {
    return {
      code: 'workflow.action_not_allowed',
      message: `Cannot ${action.replace(/_/g, ' ')} an application that is ${f.status.replace(/_/g, ' ')}.`,
    };
  }
  if (rule.actor !== f.actor)
    return { code: 'workflow.not_your_action', message: `Only the ${rule.actor} may ${action.replace(/_/g, ' ')}.` };
  if (rule.roles && !rule.roles.some((r) => f.roles.includes(r))) {
    return {
      code: 'workflow.role_missing',
      message: `${action.replace(/_/g, ' ')} needs the role ${rule.roles.join(' or ')}.`,
    };
  }
  if (rule.assigneeOnly && !f.isAssignee && !f.roles.includes('supervisor')) {
    return {
      code: 'workflow.not_assignee',
      message: 'Only the officer this application is assigned to (or a supervisor) may do this.',
    };
  }
  if (rule.fourEyes !== undefined && rule.fourEyes !== f.fourEyes) {
    return { code: 'workflow.four_eyes', message: 'This procedure is resolved directly, without a proposal.' };
  }
  if ((action === 'approve' || action === 'reject') && f.fourEyes) {
    if (f.status !== 'proposed')
      return {
        code: 'workflow.four_eyes',
        message: 'This procedure needs four eyes: a reviewer proposes, a different resolver signs.',
      };
    if (f.isProposer)
      return { code: 'workflow.four_eyes', message: 'Four eyes: the officer who proposed cannot also resolve.' };
    if (f.proposedDecision !== (action === 'approve' ? 'approve' : 'reject')) {
      return {
        code: 'workflow.four_eyes',
        message: `The proposal was to ${f.proposedDecision}: return it to review to decide otherwise.`,
      };
    }
  }
  if ((action === 'approve' || action === 'reject') && !f.fourEyes && f.status !== 'in_review') {
    return { code: 'workflow.action_not_allowed', message: 'Resolve an application while it is in review.' };
  }
  if (action === 'return_proposal' && f.isProposer) {
    return { code: 'workflow.four_eyes', message: 'The officer who proposed cannot return their own proposal.' };
  }
  return null;
}

export function availableActions(f: GuardFacts): Action[] {
  return (Object.keys(ACTIONS) as Action[]).filter((a) => refusal(a, f) === null);
}
