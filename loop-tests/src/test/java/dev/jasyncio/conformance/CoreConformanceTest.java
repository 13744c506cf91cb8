package dev.jasyncio.conformance;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/** The conformance suite on the {@code core} backend with the continuation coroutine engine. */
@Suite(failIfNoTests = true)
@SuiteDisplayName("conformance [core/continuation]")
@SelectPackages("dev.jasyncio.conformance")
@IncludeEngines("junit-jupiter")
@ConfigurationParameter(key = LoopUnderTest.LOOP_PARAMETER, value = "core")
@ConfigurationParameter(key = LoopUnderTest.ENGINE_PARAMETER, value = "continuation")
class CoreConformanceTest {}
