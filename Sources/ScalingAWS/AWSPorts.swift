import AWSCore
import AWSServices
import Logging
import Scaling

/// The reconciler's protocols over AWS, all from one client, and the one place the reconciler
/// (and the doctor's observer) is assembled from them. The binary (`Autoscaler`) and the
/// end-to-end tests build through here, so a new adapter or protocol is wired once.
public struct AWSPorts: Sendable {
    public let fileSystem: EFSFileSystemAPI
    public let network: EC2NetworkAPI
    public let parameters: SSMParameterStore
    /// The lock item's store; `nil` when `LOCK_TABLE_NAME` is not set.
    public let lock: DynamoDBLockStore?
    /// `nil` when no ECS service is configured: nothing is redeployed then.
    public let service: ECSServiceAPI?

    public init(configuration: Configuration, client: any AWSRequestExecutor) {
        fileSystem = EFSFileSystemAPI(efs: EFSClient(executor: client))
        network = EC2NetworkAPI(ec2: EC2Client(executor: client))
        parameters = SSMParameterStore(ssm: SSMClient(executor: client))
        lock = configuration.lockTableName.map {
            DynamoDBLockStore(dynamodb: DynamoDBClient(executor: client), table: $0, fileSystemId: configuration.fileSystemId)
        }
        if let cluster = configuration.ecsClusterName, let service = configuration.ecsServiceName {
            self.service = ECSServiceAPI(ecs: ECSClient(executor: client), cluster: cluster, service: service)
        } else {
            service = nil
        }
    }

    public func reconciler(configuration: Configuration, counter: any FileCountSource, clock: any Clock = SystemClock(),
                           logger: Logger, options: ReconcilerOptions) -> Reconciler {
        Reconciler(configuration: configuration, fileSystem: fileSystem, network: network, parameters: parameters,
                   lock: lock, service: service, counter: counter, clock: clock, logger: logger, options: options)
    }

    /// The observer a run would use, for the read-only checks (`doctor`).
    public func observer(configuration: Configuration, counter: any FileCountSource, clock: any Clock = SystemClock()) -> Observer {
        Observer(configuration: configuration, fileSystem: fileSystem, network: network, parameters: parameters,
                 lock: lock, service: service, counter: counter, clock: clock)
    }
}
