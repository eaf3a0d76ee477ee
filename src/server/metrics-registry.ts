/** The standalone server's Prometheus registry: the IVR's metrics (given to IvrModule) and the process's. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
