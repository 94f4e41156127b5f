import Foundation

/// Pearson's chi-square goodness-of-fit test against a uniform distribution, with the p-value
/// computed from the regularized upper incomplete gamma function (Numerical Recipes' gammq).
enum ChiSquare {
    static func statistic(observed: [Int]) -> Double {
        let total = Double(observed.reduce(0, +))
        let expected = total / Double(observed.count)
        return observed.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
    }

    /// P(X ≥ statistic) for X ~ χ²(degreesOfFreedom).
    static func pValue(statistic: Double, degreesOfFreedom: Int) -> Double {
        upperRegularizedGamma(a: Double(degreesOfFreedom) / 2, x: statistic / 2)
    }

    static func upperRegularizedGamma(a: Double, x: Double) -> Double {
        precondition(x >= 0 && a > 0)
        if x == 0 { return 1 }
        let logPrefix = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for the lower function P, then Q = 1 - P.
            var sum = 1 / a, term = 1 / a, n = a
            for _ in 0..<1000 {
                n += 1
                term *= x / n
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return 1 - sum * exp(logPrefix)
        }
        // Continued fraction for Q (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < tiny { d = tiny }
            c = b + an / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(logPrefix) * h
    }
}
