/** Tail probabilities for the diagnosis (docs/diagnosis.md). Pure; summed in log space so large counts cannot underflow. */

// log(n!) for every n asked so far, so a tail over thousands of tasks costs a lookup per term.
const logFactorials: number[] = [0, 0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}
export const logChoose = (n: number, k: number): number => (k < 0 || k > n ? -Infinity : logFactorial(n) - logFactorial(k) - logFactorial(n - k));

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n || p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed upward from k (accurate for the tiny tails that matter here). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    let below = 0;
    for (let i = 0; i < k; i++) below += Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
    return Math.min(1, Math.max(0, 1 - below));
  }
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(-lambda + i * Math.log(lambda) - logFactorial(i));
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

/** "86%", never rounding a partial share up to 100 % or a non-zero one down to 0 %. */
export function percent(share: number): string {
  const p = Math.round(share * 100);
  if (p >= 100 && share < 1) return "99%";
  if (p <= 0 && share > 0) return "<1%";
  return `${p}%`;
}
