import { useState } from "react";

/** Copies text to the clipboard and says so; falls back to selecting it where the clipboard API is refused. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 2000);
  };
  return (
    <button type="button" onClick={copy} aria-live="polite">
      {copied === "done" ? "Copied ✓" : copied === "failed" ? "Copy failed: select and copy" : label}
    </button>
  );
}

/** A one-line snippet with a copy button, for tokens and embed codes. */
export function Snippet({ text, label }: { text: string; label: string }) {
  return (
    <div className="snippet">
      <input
        className="mono"
        readOnly
        value={text}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        style={{ flex: 1, minWidth: 0 }}
      />
      <CopyButton text={text} label={`Copy ${label.toLowerCase()}`} />
    </div>
  );
}
