/** How long a line printed from a POST's answer waits for its copy on the event stream, to be dropped there. */
const ECHO_WINDOW_MS = 10_000;

interface Echo {
  direction: "in" | "out";
  text: string;
  documentUrl: string | undefined;
  until: number;
}

/**
 * The event stream carries copies of what the terminal already printed (the lines typed, the replies a POST
 * answered with): each is expected here once, and its copy is recognised and dropped when it comes, within a while.
 */
export class EchoFilter {
  private readonly echoes: Echo[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  expect(direction: "in" | "out", text: string, documentUrl: string | undefined): void {
    this.echoes.push({ direction, text, documentUrl, until: this.now() + ECHO_WINDOW_MS });
  }

  /** Whether this is the copy of something expected (which is then no longer expected). */
  take(direction: "in" | "out", text: string, documentUrl: string | undefined): boolean {
    const now = this.now();
    for (let index = this.echoes.length - 1; index >= 0; index--) {
      if ((this.echoes[index]?.until ?? 0) < now) this.echoes.splice(index, 1);
    }
    const index = this.echoes.findIndex(
      (echo) => echo.direction === direction && echo.text === text && echo.documentUrl === documentUrl,
    );
    if (index < 0) return false;
    this.echoes.splice(index, 1);
    return true;
  }
}
