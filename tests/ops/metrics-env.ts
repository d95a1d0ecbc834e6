/** METRICS_TOKEN for the metrics test, set before anything reads the environment. */
export const TOKEN = "metrics-token-for-tests-0123456789";
process.env.METRICS_TOKEN = TOKEN;
