/** An Observable Plot chart in a Preact component, drawn again when its data or its width changes. */
import { useEffect, useRef, useState } from "preact/hooks";

/** Draws `make(width)` into a div that follows the width of its container. */
export function PlotChart({ make, label }: { make: (width: number) => Element; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(el.clientWidth)));
    observer.observe(el);
    setWidth(Math.floor(el.clientWidth));
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || width === 0) return;
    el.replaceChildren(make(width));
  }, [make, width]);
  return <figure class="chart" ref={box} aria-label={label} />;
}

/** A calendar date as the UTC instant of its start (Plot's time axis). */
export const day = (date: string): Date => new Date(`${date}T00:00:00Z`);
