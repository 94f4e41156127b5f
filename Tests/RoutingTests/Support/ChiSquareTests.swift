import Foundation
import Testing

/// The p-value function is itself checked against closed forms, so the uniformity test below
/// cannot pass because of a broken statistic.
@Suite struct ChiSquareTests {
    @Test(arguments: [0.1, 1.0, 2.5, 7.0, 13.8, 40.0])
    func twoDegreesOfFreedomIsExponential(x: Double) {
        // χ²(2) has survival function exp(-x/2).
        let p = ChiSquare.pValue(statistic: x, degreesOfFreedom: 2)
        #expect(abs(p - exp(-x / 2)) < 1e-12)
    }

    @Test(arguments: [0.5, 3.84, 9.0, 20.0])
    func oneDegreeOfFreedomIsErfc(x: Double) {
        // χ²(1) has survival function erfc(sqrt(x/2)).
        let p = ChiSquare.pValue(statistic: x, degreesOfFreedom: 1)
        #expect(abs(p - erfc(sqrt(x / 2))) < 1e-12)
    }

    @Test func fourDegreesOfFreedomCriticalValue() {
        // Survival of χ²(4) is exp(-x/2)(1 + x/2); the 0.1 % critical value is about 18.467.
        let x = 18.4668
        #expect(abs(ChiSquare.pValue(statistic: x, degreesOfFreedom: 4) - exp(-x / 2) * (1 + x / 2)) < 1e-12)
        #expect(abs(ChiSquare.pValue(statistic: x, degreesOfFreedom: 4) - 0.001) < 1e-5)
    }
}
