// Signs the same realistic requests as bench/sigv4/botocore_bench.py and prints
// signatures per second. Usage: sigv4-bench [iterations]
import SigV4
#if canImport(Glibc)
import Glibc
#endif

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
let credentials = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN")
let body = Array(#"{"Name":"/efs-autoscaler/mount-targets","WithDecryption":false}"#.utf8)
let headers: [(name: String, value: String)] = [
    ("Content-Type", "application/x-amz-json-1.1"),
    ("X-Amz-Target", "AmazonSSM.GetParameter"),
    ("User-Agent", "efs-autoscaler/0.1"),
]
let signer = SigV4Signer(region: "ap-northeast-1", service: "ssm")

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

var checksum = 0
let start = now()
for i in 0..<iterations {
    // Hash the body each time, as a real request would.
    let payloadHash = Digest.sha256Hex(body)
    let sig = signer.signature(method: "POST", url: "https://ssm.ap-northeast-1.amazonaws.com/", headers: headers, payloadHash: payloadHash, credentials: credentials, secondsSince1970: 1_763_000_000 + Double(i % 60))
    checksum &+= sig.signature.utf8.count
}
let elapsed = now() - start
print("{\"signer\":\"efs-autoscaler\",\"iterations\":\(iterations),\"seconds\":\(elapsed),\"signatures_per_second\":\(Int(Double(iterations) / elapsed)),\"checksum\":\(checksum)}")
