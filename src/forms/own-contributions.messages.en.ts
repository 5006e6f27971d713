/** English texts of the `own-contributions` catalogue: a module of its own, loaded when an element speaks English. */
export const en = {
  proposal_title: 'Your proposals',
  proposal_pending: 'awaiting moderation',
  proposal_published: 'published',
  proposal_hidden: 'hidden by the moderators',
  proposal_withdrawn: 'withdrawn',
  event_title: 'Events you proposed',
  event_pending: 'awaiting moderation',
  event_published: 'published',
  event_hidden: 'hidden by the moderators',
  event_withdrawn: 'withdrawn',
  reason: 'Reason: {reason}',
};
