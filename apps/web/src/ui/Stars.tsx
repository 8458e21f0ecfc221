import { useState } from 'react';

/** 1–5 stars as big buttons (44 px each), then a confirm: light enough for any page. */
export function StarPicker({
  label,
  onPick,
  busy,
}: {
  label: string;
  onPick: (stars: number) => void;
  busy?: boolean;
}) {
  const [stars, setStars] = useState(0);
  return (
    <div role="group" aria-label={label}>
      <span className="stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            aria-label={`${n} 星`}
            aria-pressed={n <= stars}
            onClick={() => setStars(n)}
          >
            ★
          </button>
        ))}
      </span>
      <button
        type="button"
        className="chip"
        disabled={!stars || busy}
        onClick={() => onPick(stars)}
        style={{ marginLeft: 8, cursor: 'pointer' }}
      >
        {stars ? `提交 ${stars} 星评价` : '点星星评价'}
      </button>
    </div>
  );
}
