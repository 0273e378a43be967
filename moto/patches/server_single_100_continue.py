"""A request sent with ``Expect: 100-continue`` gets one ``100 Continue``, as from S3.

AWS: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html (Examples, "Sample
Request: Expect: 100-continue") -- S3 answers one ``HTTP/1.1 100 Continue``, then, once it has
the body, the final response. The Java SDK sends the header on PutObject and UploadPart bodies of
1 MiB or more.

moto 5.2.1's server answers twice: http.server's BaseHTTPRequestHandler.handle_expect_100 writes
one interim response while parsing the request, and werkzeug's WSGIRequestHandler.run_wsgi
another. The SDK's asynchronous (Netty) client, which the S3 transfer manager uses, takes the
second for the final response and fails with "Status Code: 100" (aws/aws-sdk-java-v2#1969; the
same fix was proposed upstream in getmoto/moto#9975).
"""

from werkzeug.serving import WSGIRequestHandler


def _leave_it_to_run_wsgi(self):
    # werkzeug's run_wsgi sends the one 100 Continue; returning True lets the request proceed.
    return True


def apply():
    WSGIRequestHandler.handle_expect_100 = _leave_it_to_run_wsgi
