package dev.jasyncio.conformance;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/** The conformance suite on the {@code nio} backend with the portable hand-off coroutine engine. */
@Suite(failIfNoTests = true)
@SuiteDisplayName("conformance [nio/handoff]")
@SelectPackages("dev.jasyncio.conformance")
@IncludeEngines("junit-jupiter")
@ConfigurationParameter(key = LoopUnderTest.LOOP_PARAMETER, value = "nio")
@ConfigurationParameter(key = LoopUnderTest.ENGINE_PARAMETER, value = "handoff")
class NioHandoffConformanceTest {}
