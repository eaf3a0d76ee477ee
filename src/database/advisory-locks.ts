/**
 * Every PostgreSQL advisory lock key the app takes, in one list so that no two features share one by accident
 * (a shared key makes unrelated work wait for, or skip because of, each other). Never renumber a key: instances
 * of the previous version still take it during a rolling upgrade.
 */
export const ADVISORY_LOCKS = {
  /** Instances starting together migrate one at a time. */
  migrations: 727_480_001,
  /** Audit appends take turns, so each entry chains onto the one before it. */
  auditChain: 727_480_002,
  /**
   * Department and menu edits take turns, so their conflict checks see every committed change: one key for both,
   * since the root menu's digits are shared between its departments and its options, and the tree's checks (loops,
   * depth) read every menu.
   */
  menuEdit: 727_480_003,
  /** One instance at a time runs the retention purge; the others skip it. */
  retention: 727_480_004,
  /**
   * Holiday edits take turns, so the date check sees every committed holiday. It once shared retention's key: an
   * edit then waited for the nightly purge, and a purge that began during an edit was skipped.
   */
  holidayEdit: 727_480_005,
  /** One instance at a time fans new events out to their subscribers; the others skip that turn. */
  eventFanOut: 727_480_006,
  /**
   * Instances take deliveries one at a time, so each sees the others' leases: the event after one still on its way
   * (or waiting for its retry) is never taken, which keeps delivery in order per call.
   */
  eventClaim: 727_480_007,
  /**
   * Report rollups, reopenings and rebuilds take turns (waiting, not skipping): each reads where the last one stopped,
   * so no period is counted twice.
   */
  reportAggregates: 727_480_008,
} as const;
