// A platform that embeds the SDK as JPMS modules (ModulePathTest compiles and runs it on the SDK's module path).
module com.example.platform {
    requires dev.aigcmark.core;
    requires dev.aigcmark.video;
}
