// The icon's drawing: a lens over a key-hole. `alert` adds the red failure mark.
export function iconSvg(alert: boolean): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">
  <rect x="4" y="4" width="120" height="120" rx="26" fill="#1a73e8"/>
  <circle cx="56" cy="56" r="32" fill="#fff"/>
  <circle cx="56" cy="56" r="24" fill="#e8f0fe"/>
  <circle cx="56" cy="50" r="8" fill="#1a73e8"/>
  <path d="M51 55h10l3 17H48z" fill="#1a73e8"/>
  <path d="M80 80l26 26" stroke="#fff" stroke-width="14" stroke-linecap="round"/>
  ${
    alert
      ? '<circle cx="100" cy="28" r="22" fill="#d93025" stroke="#fff" stroke-width="6"/><rect x="96" ' +
        'y="15" width="8" height="16" rx="3" fill="#fff"/><circle cx="100" cy="38" r="4.5" fill="#fff"/>'
      : ''
  }
</svg>`;
}
