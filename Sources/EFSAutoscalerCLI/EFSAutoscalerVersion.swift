public enum EFSAutoscalerVersion {
    public static let current = "0.1.0"
}
