/** What the page derives from a match: the other members and the topics I share with them. */

export interface Member {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  team?: string | null;
  topics: string[];
}

export function others<T extends { id: string }>(participants: T[], myId: string): T[] {
  return participants.filter((person) => person.id !== myId);
}

/** Topics every other member shares with me, compared without regard to case. */
export function topicsInCommon(mine: string[], members: Member[]): string[] {
  if (members.length === 0) return [];
  return mine.filter((topic) => members.every((member) => member.topics.some((theirs) => theirs.toLowerCase() === topic.toLowerCase())));
}
