/** English texts of the `form` catalogue: a module of its own, loaded when an element speaks English. The French ones fix the keys. */
export const en = {
  summaryTitle: 'There is a problem',
  summaryItem: '{label}: {message}',
  required: '(required)',
  optional: '(optional)',
  choose: 'Choose…',
  sending: 'Sending…',
  remaining: { one: 'You have {count} character remaining', other: 'You have {count} characters remaining' },
  tooMany: { one: 'You have {count} character too many', other: 'You have {count} characters too many' },
  draftRestored: 'We found your draft saved on this device on {date}.',
  discardDraft: 'Discard draft',
  draftDiscarded: 'Draft discarded.',
  sendFailed: 'Sending failed. Your text is kept.',
  newWindow: '(opens in a new window)',
  honeypot: 'Leave this field empty',
};
