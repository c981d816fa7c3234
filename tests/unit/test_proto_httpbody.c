/* SPDX-License-Identifier: MIT */
/* test_proto_httpbody.c - device-information HTTP bodies (ISAPI
 * DeviceInfo and InputProxy channel lists, Dahua magicBox and RPC2
 * camera lists, ONVIF GetDeviceInformation) on crafted bodies: exact
 * facts, negative controls, every truncation, hostile input. */
#include "factcheck.h"

/* The body of a response: its sender is the subject. */
static enum dec
body(struct cur c, struct proto_ctx *ctx)
{
	return httpbody_decode(c, SUBJ_SENDER, ctx);
}

static void
every_length(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i <= n; i++)
		(void)run(body, s, i);
}

static const char isapi_info[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<DeviceInfo version=\"2.0\" "
    "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
    "<deviceName>Lobby Camera</deviceName>\n"
    "<deviceID>48443031-3831-3032-3636-4419b6123456</deviceID>\n"
    "<deviceDescription>IPCamera</deviceDescription>\n"
    "<deviceLocation>hangzhou</deviceLocation>\n"
    "<systemContact>Hikvision.China</systemContact>\n"
    "<model>DS-2CD2143G2-I</model>\n"
    "<serialNumber>DS-2CD2143G2-I20210412AAWRG12345678</serialNumber>\n"
    "<macAddress>44:19:b6:12:34:56</macAddress>\n"
    "<firmwareVersion>V5.7.3</firmwareVersion>\n"
    "<firmwareReleasedDate>build 220112</firmwareReleasedDate>\n"
    "<encoderVersion>V7.3</encoderVersion>\n"
    "<encoderReleasedDate>build 211130</encoderReleasedDate>\n"
    "<bootVersion>V1.3.4</bootVersion>\n"
    "<bootReleasedDate>100316</bootReleasedDate>\n"
    "<hardwareVersion>0x0</hardwareVersion>\n"
    "<deviceType>IPCamera</deviceType>\n"
    "<telecontrolID>88</telecontrolID>\n"
    "<supportBeep>false</supportBeep>\n"
    "</DeviceInfo>\n";

static void
isapi_device_info(void **state)
{
	(void)state;
	assert_int_equal(run_s(body, isapi_info), DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 95, "Hikvision");
	has(SUBJ_SENDER, FACT_MODEL, 95, "DS-2CD2143G2-I");
	has(SUBJ_SENDER, FACT_SERIAL, 95,
	    "DS-2CD2143G2-I20210412AAWRG12345678");
	has(SUBJ_SENDER, FACT_MAC, 95, "44:19:b6:12:34:56");
	has(SUBJ_SENDER, FACT_FIRMWARE, 95, "V5.7.3");
	has(SUBJ_SENDER, FACT_BUILD, 95, "build 220112");
	has(SUBJ_SENDER, FACT_KIND, 90, "IPCamera");
	has(SUBJ_SENDER, FACT_NAME, 80, "Lobby Camera");
	has(SUBJ_SENDER, FACT_HARDWARE, 90, "0x0");
	nfacts(9);
	assert_int_equal(ST.n[STAT_HTTPBODY_MSGS], 1);
	assert_int_equal(ST.n[STAT_HTTPBODY_MALFORMED], 0);
	every_length(isapi_info);
}

static void
isapi_namespaces(void **state)
{
	(void)state;
	assert_int_equal(run_s(body, "<DeviceInfo xmlns=\"http://www.isapi.org/ver20/"
	    "XMLSchema\" version=\"2.0\"><model>DS-7608NXI-K2</model>"
	    "<deviceType>NVR</deviceType></DeviceInfo>"), DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 95, "Hikvision");
	has(SUBJ_SENDER, FACT_KIND, 90, "NVR");
	nfacts(3);
	assert_int_equal(run_s(body, "<DeviceInfo version=\"1.0\" xmlns="
	    "\"urn:psialliance-org\"><model>DS-2CD864-E3</model></DeviceInfo>"),
	    DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 70, "Hikvision");
	nfacts(2);
	/* Someone else's DeviceInfo: facts, no vendor; unterminated. */
	assert_int_equal(run_s(body, "<DeviceInfo><model>X1</model><serialNumber>"
	    "AB12</serialNumber><macAddress>00:00:00:00:00:00</macAddress>"),
	    DEC_MALFORMED);
	has(SUBJ_SENDER, FACT_MODEL, 95, "X1");
	has(SUBJ_SENDER, FACT_SERIAL, 95, "AB12");
	nfacts(2);
	assert_int_equal(ST.n[STAT_HTTPBODY_MALFORMED], 1);
}

static const char isapi_channels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<InputProxyChannelList version=\"2.0\" "
    "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\r\n"
    "<InputProxyChannel version=\"2.0\" "
    "xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\r\n"
    "<id>1</id>\r\n<name>Gate</name>\r\n"
    "<sourceInputPortDescriptor>\r\n"
    "<proxyProtocol>HIKVISION</proxyProtocol>\r\n"
    "<addressingFormatType>ipaddress</addressingFormatType>\r\n"
    "<ipAddress>192.168.254.2</ipAddress>\r\n"
    "<managePortNo>8000</managePortNo>\r\n<srcInputPort>1</srcInputPort>\r\n"
    "<userName>admin</userName>\r\n<streamType>auto</streamType>\r\n"
    "<model>DS-2CD2047G2-L</model>\r\n"
    "<serialNumber>DS-2CD2047G2-L20220101AAWRJ00000001</serialNumber>\r\n"
    "<firmwareVersion>V5.7.11 build 220621</firmwareVersion>\r\n"
    "</sourceInputPortDescriptor>\r\n"
    "<enableAnr>false</enableAnr>\r\n</InputProxyChannel>\r\n"
    "<InputProxyChannel version=\"2.0\">\r\n<id>2</id>\r\n"
    "<sourceInputPortDescriptor>\r\n"
    "<adminProtocol>ONVIF</adminProtocol>\r\n"
    "<addressingFormatType>ipaddress</addressingFormatType>\r\n"
    "<ipAddress>192.168.254.3</ipAddress>\r\n"
    "<managePortNo>80</managePortNo>\r\n"
    "</sourceInputPortDescriptor>\r\n</InputProxyChannel>\r\n"
    "<InputProxyChannel version=\"2.0\">\r\n<id>3</id>\r\n"
    "<sourceInputPortDescriptor>\r\n"
    "<proxyProtocol>HIKVISION</proxyProtocol>\r\n"
    "<addressingFormatType>hostname</addressingFormatType>\r\n"
    "<hostName>cam3.example</hostName>\r\n"
    "</sourceInputPortDescriptor>\r\n</InputProxyChannel>\r\n"
    "</InputProxyChannelList>\r\n";

static void
isapi_proxy_channels(void **state)
{
	(void)state;
	assert_int_equal(run_s(body, isapi_channels), DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 90, "Hikvision");
	has(SUBJ_STATED, FACT_IP, 85, "192.168.254.2");
	has(SUBJ_STATED, FACT_VENDOR, 70, "Hikvision");
	has(SUBJ_STATED, FACT_MODEL, 80, "DS-2CD2047G2-L");
	has(SUBJ_STATED, FACT_SERIAL, 80, "DS-2CD2047G2-L20220101AAWRJ00000001");
	has(SUBJ_STATED, FACT_FIRMWARE, 80, "V5.7.11");
	has(SUBJ_STATED, FACT_BUILD, 80, "build 220621");
	has(SUBJ_STATED + 1, FACT_IP, 85, "192.168.254.3");
	nfacts(8); /* channel 3 states no address: nothing */
	every_length(isapi_channels);
}

static void
dahua_magicbox(void **state)
{
	(void)state;
	assert_int_equal(run_s(body, "appAutoStart=true\r\n"
	    "deviceType=IPC-HFW4431R-Z\r\nhardwareVersion=1.00\r\n"
	    "processor=S2L55M\r\nserialNumber=2H01186PAA00047\r\n"
	    "updateSerial=IPC-HFW4431R-Z\r\n"), DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 85, "Dahua");
	has(SUBJ_SENDER, FACT_MODEL, 90, "IPC-HFW4431R-Z");
	has(SUBJ_SENDER, FACT_SERIAL, 90, "2H01186PAA00047");
	has(SUBJ_SENDER, FACT_HARDWARE, 80, "1.00");
	nfacts(4);
	assert_int_equal(run_s(body, "version=4.001.0000005.0,build:2020-11-17\r\n"),
	    DEC_OK);
	has(SUBJ_SENDER, FACT_FIRMWARE, 90, "4.001.0000005.0");
	has(SUBJ_SENDER, FACT_BUILD, 90, "build:2020-11-17");
	nfacts(3);
	assert_int_equal(run_s(body, "vendor=Amcrest\r\n"), DEC_OK);
	has(SUBJ_SENDER, FACT_BRAND, 80, "Amcrest");
	nfacts(2);
	assert_int_equal(run_s(body, "machineName=NVR-Office\r\n"), DEC_OK);
	has(SUBJ_SENDER, FACT_NAME, 70, "NVR-Office");
	nfacts(2);
	/* Not magicBox: a form, a bare version, HTML, text. */
	assert_int_equal(run_s(body, "username=admin&password=x"), DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "version=1.2\r\nname=x\r\n"), DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "Hello world\ndeviceType=X\n"),
	    DEC_UNSUPPORTED);
	nfacts(0);
	assert_int_equal(ST.n[STAT_HTTPBODY_MSGS], 0);
	every_length("deviceType=IPC-HFW4431R-Z\r\nserialNumber=2H01186PAA0\r\n");
}

static const char rpc2_cams[] =
    "{\"id\":42,\"params\":{\"camera\":["
    "{\"Channel\":0,\"DeviceInfo\":{\"Address\":\"192.168.1.108\","
    "\"DeviceType\":\"IPC-HDW4433C-A\",\"Enable\":true,\"Mac\":"
    "\"e0:50:8b:11:22:33\",\"Name\":\"Door\",\"Port\":37777,"
    "\"ProtocolType\":\"Dahua\",\"SerialNo\":\"5G0A1B2PAZ12345\","
    "\"Vendor\":\"Dahua\",\"Version\":\"2.800.0000000.12.R\"},"
    "\"Enable\":true,\"Type\":\"Remote\",\"VideoStream\":\"Main\"},"
    "{\"Channel\":1,\"DeviceInfo\":{\"Address\":\"192.168.1.109\","
    "\"DeviceType\":\"LNE8964B\",\"SerialNo\":\"ND021811001234\","
    "\"Vendor\":\"LOREX\",\"Version\":\"2.460.0001.5.R, Build Date "
    "2017-08-11\"},\"Enable\":true},"
    "{\"Channel\":2,\"DeviceInfo\":{\"Address\":\"\",\"Vendor\":\"\"},"
    "\"Enable\":false}"
    "]},\"result\":true,\"session\":\"2a3f1b9c\"}";

static void
dahua_rpc2(void **state)
{
	char deep[400];

	(void)state;
	assert_int_equal(run_s(body, rpc2_cams), DEC_OK);
	has(SUBJ_SENDER, FACT_PROTOCOL, 85, "dahua-rpc2");
	has(SUBJ_STATED, FACT_IP, 85, "192.168.1.108");
	has(SUBJ_STATED, FACT_MAC, 85, "e0:50:8b:11:22:33");
	has(SUBJ_STATED, FACT_MODEL, 80, "IPC-HDW4433C-A");
	has(SUBJ_STATED, FACT_SERIAL, 80, "5G0A1B2PAZ12345");
	has(SUBJ_STATED, FACT_FIRMWARE, 80, "2.800.0000000.12.R");
	has(SUBJ_STATED, FACT_VENDOR, 80, "Dahua");
	has(SUBJ_STATED + 1, FACT_IP, 85, "192.168.1.109");
	has(SUBJ_STATED + 1, FACT_MODEL, 80, "LNE8964B");
	has(SUBJ_STATED + 1, FACT_SERIAL, 80, "ND021811001234");
	has(SUBJ_STATED + 1, FACT_FIRMWARE, 80, "2.460.0001.5.R");
	has(SUBJ_STATED + 1, FACT_BUILD, 80, "Build Date 2017-08-11");
	has(SUBJ_STATED + 1, FACT_BRAND, 60, "LOREX");
	nfacts(13);
	every_length(rpc2_cams);
	/* Generic JSON, deep nesting, broken JSON. */
	assert_int_equal(run_s(body, "{\"camera\":\"on\",\"a\":[1,2]}"),
	    DEC_UNSUPPORTED);
	memset(deep, '[', sizeof deep - 1);
	deep[0] = '{';
	deep[1] = '"', deep[2] = 'x', deep[3] = '"', deep[4] = ':';
	deep[sizeof deep - 1] = '\0';
	assert_int_equal(run_s(body, deep), DEC_UNSUPPORTED);
	nfacts(0);
	assert_int_equal(run(body, rpc2_cams, 200), DEC_MALFORMED);
	has(SUBJ_STATED, FACT_IP, 85, "192.168.1.108");
	assert_int_equal(ST.n[STAT_HTTPBODY_MALFORMED], 1);
}

static const char onvif_info[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/"
    "soap-envelope\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
    "<SOAP-ENV:Header></SOAP-ENV:Header><SOAP-ENV:Body>"
    "<tds:GetDeviceInformationResponse>"
    "<tds:Manufacturer>LOREX</tds:Manufacturer>"
    "<tds:Model>LNB4321B</tds:Model>"
    "<tds:FirmwareVersion>2.460.0001.5.R, Build Date 2017-08-11"
    "</tds:FirmwareVersion>"
    "<tds:SerialNumber>ND01708110123</tds:SerialNumber>"
    "<tds:HardwareId>1.00</tds:HardwareId>"
    "</tds:GetDeviceInformationResponse></SOAP-ENV:Body>"
    "</SOAP-ENV:Envelope>\n";

static void
onvif_device_information(void **state)
{
	(void)state;
	assert_int_equal(run_s(body, onvif_info), DEC_OK);
	has(SUBJ_SENDER, FACT_VENDOR, 80, "LOREX");
	has(SUBJ_SENDER, FACT_MODEL, 85, "LNB4321B");
	has(SUBJ_SENDER, FACT_FIRMWARE, 85, "2.460.0001.5.R");
	has(SUBJ_SENDER, FACT_BUILD, 85, "Build Date 2017-08-11");
	has(SUBJ_SENDER, FACT_SERIAL, 85, "ND01708110123");
	has(SUBJ_SENDER, FACT_HARDWARE, 80, "1.00");
	nfacts(6);
	every_length(onvif_info);
	/* Other SOAP: not ours. */
	assert_int_equal(run_s(body, "<s:Envelope><s:Body><tds:GetSystemDateAndTime"
	    "Response/></s:Body></s:Envelope>"), DEC_UNSUPPORTED);
	nfacts(0);
}

static void
negative_and_hostile(void **state)
{
	char *big;
	size_t o;

	(void)state;
	assert_int_equal(run_s(body, ""), DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "<!DOCTYPE html><html><head><title>Login"
	    "</title></head><body></body></html>"), DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "<?xml version=\"1.0\"?><ProbeMatch><MAC>1"
	    "</MAC></ProbeMatch>"), DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "{\"result\":true,\"params\":null}"),
	    DEC_UNSUPPORTED);
	assert_int_equal(run_s(body, "\x89PNG\r\n\x1a\n"), DEC_UNSUPPORTED);
	nfacts(0);
	/* 64 KiB body: oversized model capped, control bytes kept. */
	big = malloc(70000);
	assert_non_null(big);
	o = (size_t)sprintf(big, "<DeviceInfo xmlns=\"http://www.hikvision.com"
	    "/ver20/XMLSchema\"><model>");
	memset(big + o, 'M', 65000);
	o += 65000;
	o += (size_t)sprintf(big + o, "</model><deviceName>a\x01\x1b[31m"
	    "</deviceName></DeviceInfo>");
	assert_int_equal(run(body, big, o), DEC_OK);
	for (unsigned i = 0; i < G.n; i++)
		if (G.f[i].field == FACT_MODEL)
			assert_int_equal(G.f[i].len, 256);
	has(SUBJ_SENDER, FACT_NAME, 80, "a\x01\x1b[31m");
	nfacts(3);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(isapi_device_info),
		cmocka_unit_test(isapi_namespaces),
		cmocka_unit_test(isapi_proxy_channels),
		cmocka_unit_test(dahua_magicbox),
		cmocka_unit_test(dahua_rpc2),
		cmocka_unit_test(onvif_device_information),
		cmocka_unit_test(negative_and_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
