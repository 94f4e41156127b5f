#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Running a child process as an unprivileged user. Root reads through permissions
/// (CAP_DAC_OVERRIDE), so a test of what an unreadable directory does must not run as root.
public enum Unprivileged {
    /// The command prefix that runs a program as `nobody`/`nogroup` with no supplementary groups
    /// when this process is root; empty when it already is unprivileged. `nil` (with the reason)
    /// when neither holds: the caller skips and says why.
    public static func launcher() -> (command: [String]?, reason: String) {
        guard geteuid() == 0 else { return ([], "already unprivileged (uid \(geteuid()))") }
        guard getpwnam("nobody") != nil else { return (nil, "running as root and there is no user 'nobody' to drop to") }
        let group = getgrnam("nogroup") != nil ? "nogroup" : (getgrnam("nobody") != nil ? "nobody" : nil)
        guard let group else { return (nil, "running as root and there is no group 'nogroup' or 'nobody'") }
        for path in ["/usr/bin/setpriv", "/bin/setpriv"] where FileManager.default.isExecutableFile(atPath: path) {
            return ([path, "--reuid=nobody", "--regid=\(group)", "--clear-groups"], "setpriv to nobody")
        }
        for path in ["/usr/sbin/runuser", "/sbin/runuser"] where FileManager.default.isExecutableFile(atPath: path) {
            return ([path, "-u", "nobody", "-g", group, "--"], "runuser to nobody")
        }
        return (nil, "running as root and neither setpriv nor runuser is installed")
    }
}
