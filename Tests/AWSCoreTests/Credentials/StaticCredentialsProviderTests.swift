import Testing
import SigV4
@testable import AWSCore

/// Environment, shared-file and chain behaviour: no network involved.
@Suite struct StaticCredentialsProviderTests {
    @Test func environmentProviderReadsTheSnapshotAndTreatsEmptyAsAbsent() async throws {
        let creds = try await EnvironmentCredentialsProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secretenv", "AWS_SESSION_TOKEN": "",
        ]).credentials()
        #expect(creds == AWSCredentials(accessKeyId: "AKIDENV", secretAccessKey: "secretenv"))
        await #expect {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""]).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .notConfigured }
        await #expect {
            try await EnvironmentCredentialsProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID"]).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("AWS_SECRET_ACCESS_KEY") }
    }

    @Test func profileProviderReadsDefaultAndNamedProfiles() async throws {
        let files = try TempAWSFiles(
            config: "[profile work]\naws_access_key_id = AKIDWORK\naws_secret_access_key = secretwork\n",
            credentials: "[default]\naws_access_key_id = AKIDDEF\naws_secret_access_key = secretdef\naws_session_token = tok\n")
        let def = try await ProfileCredentialsProvider(environment: files.environment()).credentials()
        #expect(def == AWSCredentials(accessKeyId: "AKIDDEF", secretAccessKey: "secretdef", sessionToken: "tok"))
        let work = try await ProfileCredentialsProvider(environment: files.environment(["AWS_PROFILE": "work"])).credentials()
        #expect(work.accessKeyId == "AKIDWORK")
    }

    @Test(arguments: ["role_arn = arn:aws:iam::1:role/r\nsource_profile = default", "sso_session = corp", "credential_process = /bin/echo", "web_identity_token_file = /tmp/t"])
    func unsupportedProfileKindsFailNamingProfileAndKey(_ body: String) async throws {
        let files = try TempAWSFiles(config: "[profile odd]\n\(body)\n")
        let key = String(body.prefix { $0 != " " })
        await #expect {
            try await ProfileCredentialsProvider(environment: files.environment(["AWS_PROFILE": "odd"])).credentials()
        } throws: { error in
            let e = error as? CredentialsError
            return e?.kind == .failed && e!.message.contains("\"odd\"") && e!.message.contains(key)
        }
    }

    @Test func explicitMissingProfileFailsButMissingDefaultIsNotConfigured() async throws {
        let files = try TempAWSFiles(credentials: "[other]\naws_access_key_id = A\naws_secret_access_key = B\n")
        await #expect {
            try await ProfileCredentialsProvider(environment: files.environment(["AWS_PROFILE": "nope"])).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .failed && "\($0)".contains("nope") }
        await #expect {
            try await ProfileCredentialsProvider(environment: files.environment()).credentials()
        } throws: { ($0 as? CredentialsError)?.kind == .notConfigured }
    }

    @Test func chainPrefersEnvironmentThenProfileAndReportsTheSource() async throws {
        let files = try TempAWSFiles(credentials: "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
        let transport = ScriptedTransport([], then: .failure(.connect))
        let offline = ["AWS_EC2_METADATA_DISABLED": "true"]
        let envFirst = CredentialsChain.standard(environment: files.environment(offline.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "s"]) { $1 }), transport: transport)
        let a = try await envFirst.resolve()
        #expect(a.source == "environment" && a.credentials.accessKeyId == "AKIDENV")
        let profileNext = CredentialsChain.standard(environment: files.environment(offline), transport: transport)
        let b = try await profileNext.resolve()
        #expect(b.source == "profile" && b.credentials.accessKeyId == "AKIDFILE")
        #expect(transport.requests.isEmpty)
    }

    @Test func chainStopsAtABrokenProviderAndListsWhatItTriedWhenEmpty() async throws {
        let files = try TempAWSFiles(config: "[default]\nrole_arn = arn:aws:iam::1:role/r\n")
        let transport = ScriptedTransport([], then: .failure(.connect))
        // The profile is broken: the chain must not fall through to the environment-less container/IMDS.
        await #expect {
            try await CredentialsChain.standard(environment: files.environment(), transport: transport).resolve()
        } throws: { ($0 as? CredentialsError)?.provider == "profile" }

        let empty = try TempAWSFiles()
        await #expect {
            try await CredentialsChain.standard(environment: empty.environment(), transport: transport).resolve()
        } throws: { error in
            let text = "\(error)"
            return text.contains("environment:") && text.contains("web-identity:") && text.contains("profile:")
                && text.contains("container:") && text.contains("imds:")
        }
        // IMDS was tried (a PUT to the metadata address, retried like any call) and found unreachable.
        #expect(transport.requests.map(\.method) == ["PUT", "PUT", "PUT"])
        #expect(transport.requests.first?.url == "http://169.254.169.254/latest/api/token")
    }
}
