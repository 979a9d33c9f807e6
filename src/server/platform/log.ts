// The service's log: one line of JSON per event, with kinds, ids and references only,
// never a person's details or an email address.
export function log(event: Record<string, unknown>): void {
  console.log(JSON.stringify(event));
}
