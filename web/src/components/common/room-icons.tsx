import { Svg, type IconProps } from './icons.tsx';

// Icons of the room info panel and the pinned notice (same stroke style as icons.tsx).

export const InfoIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 11v5.5M12 7.6v.2" />
  </Svg>
);

export const MegaphoneIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 10v4a1 1 0 0 0 1 1h2.5L14 19V5L7.5 9H5a1 1 0 0 0-1 1z" />
    <path d="M17.5 9.2a4 4 0 0 1 0 5.6M8 15l1 4.5" />
  </Svg>
);

export const PinIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M9 4h6l-1 5 3.5 3.5V14h-11v-1.5L10 9z" />
    <path d="M12 14v6" />
  </Svg>
);

export const PencilIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 19h3.5L18.3 9.2a2.1 2.1 0 0 0-3-3L5.5 16z" />
    <path d="m13.8 7.7 3 3" />
  </Svg>
);

export const LeaveIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M10 4.5H6.5a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2H10" />
    <path d="M14.5 8 19 12l-4.5 4M9.5 12H19" />
  </Svg>
);

export const UserMinusIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="10" cy="8" r="3.6" />
    <path d="M3.5 20c.6-3.8 3.3-5.9 6.5-5.9 1.5 0 2.9.4 4 1.3M15.5 17.5h5" />
  </Svg>
);

export const ChevronUpIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m6 14.5 6-6 6 6" />
  </Svg>
);

export const ChevronDownIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m6 9.5 6 6 6-6" />
  </Svg>
);
