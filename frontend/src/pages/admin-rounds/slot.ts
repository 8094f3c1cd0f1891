/** Round slots as the API names them: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MMZ`, in UTC. */

export function slotOf(instant: Date): string {
  return `${instant.toISOString().slice(0, 16)}Z`;
}

const SLOT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z)?$/;

export function slotProblem(slot: string): string | undefined {
  if (!SLOT.test(slot)) return "Use YYYY-MM-DD or YYYY-MM-DDTHH:MMZ (UTC), e.g. 2026-01-05T09:00Z.";
  const date = new Date(slot.length === 10 ? `${slot}T00:00Z` : slot);
  return Number.isNaN(date.getTime()) ? "This date does not exist." : undefined;
}
