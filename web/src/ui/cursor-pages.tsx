import { useState } from "react";

/**
 * Paging through a list the API pages by opaque cursor (newest first): the cursors of the pages
 * already passed, so "Newer" can go back without the API paging backwards.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    /** The cursor of the page shown; undefined on the first page. */
    cursor: cursors.at(-1),
    hasNewer: cursors.length > 0,
    newer: () => setCursors((c) => c.slice(0, -1)),
    older: (next: string) => setCursors((c) => [...c, next]),
    first: () => setCursors([]),
  };
}

/** The "Newer" and "Older" buttons under a paged list. */
export function CursorButtons({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  return (
    <div className="row">
      {pages.hasNewer ? (
        <button type="button" onClick={pages.newer}>
          Newer
        </button>
      ) : null}
      {nextCursor ? (
        <button type="button" onClick={() => pages.older(nextCursor)}>
          Older
        </button>
      ) : null}
    </div>
  );
}
