// How much the events-per-day chart covers: the filter's From..To, else the last 30 days; never more
// than a year of bars (the latest days of a longer range).
export const CHART_LIMITS = { defaultDays: 30, maxDays: 366 } as const;
