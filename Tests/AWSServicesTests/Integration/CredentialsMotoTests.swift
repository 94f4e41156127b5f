import AWSCore
import Foundation
import Testing
import TestSupport
@testable import AWSServices

/// Credential sources end to end: moto checks the signature made with whatever the chain found.
@Suite(.serialized) struct CredentialsMotoTests {
    @Test func aWrongSecretIsRejectedWithItsCodeAndSentOnce() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, seedResources: false)
            var env = scenario.environment()
            env["AWS_SECRET_ACCESS_KEY"] = "wrong" + scenario.secretAccessKey.dropFirst(5)
            let client = try MotoClient.make(env)
            for operation in ["efs", "ec2", "ssm", "ecs"] {
                try await moto.clearRequestLog()
                let error = await #expect(throws: AWSError.self, "\(operation)") {
                    switch operation {
                    case "efs": _ = try await EFSClient(executor: client).describeFileSystem(id: "fs-12345678")
                    case "ec2": _ = try await EC2Client(executor: client).describeAvailabilityZones()
                    case "ssm": _ = try await SSMClient(executor: client).getParameter(name: "/p")
                    default: _ = try await ECSClient(executor: client).describeService(cluster: "c", service: "s")
                    }
                }
                #expect(error?.kind == .accessDenied, "\(operation): \(String(describing: error))")
                #expect(["SignatureDoesNotMatch", "AuthFailure"].contains(error?.code ?? ""), "\(operation)")
                #expect(error?.description.contains(env["AWS_SECRET_ACCESS_KEY"]!) == false)
                #expect(try await moto.requestLog().count == 1, "\(operation) was retried")
            }
        }
    }

    @Test func temporaryCredentialsFromAssumeRoleWork() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, assumeRole: true)
            let assumed = try #require(scenario.assumed)
            var env = scenario.environment()
            env["AWS_ACCESS_KEY_ID"] = assumed.accessKeyId
            env["AWS_SECRET_ACCESS_KEY"] = assumed.secretAccessKey
            env["AWS_SESSION_TOKEN"] = assumed.sessionToken
            let client = try MotoClient.make(env)
            try await moto.clearRequestLog()
            let parameter = try await SSMClient(executor: client).getParameter(name: scenario.parameterName!)
            #expect(parameter.version == 1)
            _ = try await EFSClient(executor: client).describeFileSystem(id: scenario.fileSystemId!)
            #expect(try await client.credentialsSource() == "environment")
            #expect(try await moto.requestLog().map(\.accessKeyId) == [assumed.accessKeyId, assumed.accessKeyId])
            #expect(assumed.accessKeyId.hasPrefix("ASIA"))
        }
    }

    @Test func credentialsFromAProfileFileWork() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aws-profile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("credentials")
            try """
            [default]
            aws_access_key_id = AKIADEFAULTNOTUSED00
            aws_secret_access_key = nope

            [autoscaler]
            aws_access_key_id = \(scenario.accessKeyId)
            aws_secret_access_key = \(scenario.secretAccessKey)
            """.write(to: file, atomically: true, encoding: .utf8)
            var env = scenario.environment()
            env["AWS_ACCESS_KEY_ID"] = nil
            env["AWS_SECRET_ACCESS_KEY"] = nil
            env["AWS_SHARED_CREDENTIALS_FILE"] = file.path
            env["AWS_PROFILE"] = "autoscaler"
            let client = try MotoClient.make(env)
            let service = try await ECSClient(executor: client).describeService(cluster: scenario.clusterName!, service: scenario.serviceName!)
            #expect(service.serviceName == scenario.serviceName)
            #expect(try await client.credentialsSource() == "profile")
        }
    }

    @Test func credentialsFromAContainerEndpointWork() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto, assumeRole: true)
            let assumed = try #require(scenario.assumed)
            let document = #"{"AccessKeyId": "\#(assumed.accessKeyId)", "SecretAccessKey": "\#(assumed.secretAccessKey)", "Token": "\#(assumed.sessionToken)", "Expiration": "2099-01-01T00:00:00Z"}"#
            try await LocalHTTPServer.withRunning(handler: { request in
                request.path == "/creds" && request.headers["Authorization"] == "container-token"
                    ? .respond(text: document) : .respond(status: 403, text: "no")
            }) { server in
                var env = scenario.environment()
                env["AWS_ACCESS_KEY_ID"] = nil
                env["AWS_SECRET_ACCESS_KEY"] = nil
                env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url("/creds")
                env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-token"
                let client = try MotoClient.make(env)
                let subnets = try await EC2Client(executor: client).describeSubnets(vpcId: scenario.vpcId)
                #expect(subnets.count == 4)
                _ = try await SSMClient(executor: client).getParameter(name: scenario.parameterName!)
                #expect(try await client.credentialsSource() == "container")
                #expect(server.requests.count == 1, "credentials are cached between calls")
            }
        }
    }
}

/// The harness itself: a reset empties the account and re-arms exactly the free calls.
@Suite(.serialized) struct MotoHarnessTests {
    @Test func resetEmptiesTheAccountAndReArmsSignatureChecking() async throws {
        try await MotoServer.exclusive { moto in
            let scenario = try await Scenario.seed(on: moto)
            try await moto.reset(freeCalls: 0)
            // The user is gone with the reset and no call is free: even well-formed requests fail.
            let client = try MotoClient.make(scenario.environment())
            let error = await #expect(throws: AWSError.self) { try await SSMClient(executor: client).getParameter(name: scenario.parameterName!) }
            #expect(error?.kind == .accessDenied, "\(String(describing: error))")
            // Seeding again brings everything back.
            let again = try await Scenario.seed(on: moto)
            #expect(try await SSMClient(executor: try MotoClient.make(again.environment())).getParameter(name: again.parameterName!).version == 1)
        }
    }
}
