import Testing
@testable import AWSCore

@Suite struct SharedConfigTests {
    @Test func parsesSectionsCommentsAndSubsections() {
        let text = """
        # comment
        [default]
        region = eu-west-1 ; inline comment
        s3 =
          max_concurrent_requests = 10
        output=json
        [profile prod]
        Region=us-east-1
        role_arn = arn:aws:iam::123:role/x#not-a-comment
        [sso-session corp]
        sso_region = us-east-1
        [bare]
        region = ap-south-1
        """
        let file = SharedConfigFile.parse(text, kind: .config)
        #expect(file.profiles["default"] == ["region": "eu-west-1", "output": "json"])
        #expect(file.profiles["prod"] == ["region": "us-east-1", "role_arn": "arn:aws:iam::123:role/x#not-a-comment"])
        #expect(file.profiles["corp"] == nil)
        #expect(file.profiles["bare"] == nil) // config files need "profile " for non-default names
        #expect(SharedConfigFile.parse("[bare]\nregion = x\n", kind: .credentials).profiles["bare"] == ["region": "x"])
    }

    @Test func credentialsFileWinsOverConfigForTheSameKey() throws {
        let files = try TempAWSFiles(config: "[profile p]\nregion = eu-west-3\naws_access_key_id = FROMCONFIG\n",
                                     credentials: "[p]\naws_access_key_id = FROMCREDS\n")
        let config = try SharedConfig.load(environment: files.environment(["AWS_PROFILE": "p"]))
        #expect(config.profileName == "p" && config.profileExplicit && config.profileExists)
        #expect(config.settings["aws_access_key_id"] == "FROMCREDS")
        #expect(config.settings["region"] == "eu-west-3")
    }

    @Test func missingFilesAreEmptyAndTildeExpandsFromHome() throws {
        let files = try TempAWSFiles()
        let config = try SharedConfig.load(environment: ["HOME": files.directory.path])
        #expect(config.configPath == files.directory.path + "/.aws/config")
        #expect(!config.profileExists && !config.profileExplicit && config.profileName == "default")
    }

    @Test func unreadableFileIsAnErrorNamingTheVariable() throws {
        let files = try TempAWSFiles()
        // A directory where the file should be cannot be read.
        #expect {
            try SharedConfig.load(environment: ["AWS_CONFIG_FILE": files.directory.path])
        } throws: { error in
            (error as? AWSConfigurationError)?.setting == "AWS_CONFIG_FILE"
        }
    }
}
