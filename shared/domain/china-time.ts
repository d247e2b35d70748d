// China keeps one time zone, UTC+8, with no daylight saving: platform deadlines, counted hours and seller-centre
// exports are all in it, so a fixed offset is exact.
export const CHINA_OFFSET_MS = 8 * 3_600_000;
