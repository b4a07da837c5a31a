"""How the Lambda rehearsal turns a recorded AWS call into what IAM checks, and evaluates it
(devstack/rehearsal/iam.py); the rehearsal itself runs in test_lambda_rehearsal.py."""

from devstack.rehearsal import iam

WHERE = iam.Where("eu-west-3", "123456789012", "local", "api")
TABLE = "arn:aws:dynamodb:eu-west-3:123456789012:table/"


def call(service, operation, endpoint="https://example.invalid", **params):
    return {"service": service, "operation": operation, "endpoint": endpoint, "params": params}


def test_each_item_of_a_transaction_is_authorized_on_its_own_table():
    recorded = call("dynamodb", "TransactWriteItems",
                    TransactItems=[["Put", "chat"], ["Update", "members"],
                                   ["ConditionCheck", "claims"]])
    assert iam.required(recorded, WHERE) == [
        ("dynamodb:PutItem", TABLE + "chat"), ("dynamodb:UpdateItem", TABLE + "members"),
        ("dynamodb:ConditionCheckItem", TABLE + "claims")]


def test_a_query_on_an_index_names_the_index_and_a_batch_every_table():
    assert iam.required(call("dynamodb", "Query", TableName="chat", IndexName="by-member"),
                        WHERE) == [("dynamodb:Query", TABLE + "chat/index/by-member")]
    assert iam.required(call("dynamodb", "BatchGetItem", RequestItems=["a", "b"]), WHERE) == [
        ("dynamodb:BatchGetItem", TABLE + "a"), ("dynamodb:BatchGetItem", TABLE + "b")]


def test_queues_topics_secrets_and_connections_become_their_arns():
    queue = "https://sqs.eu-west-3.amazonaws.com/123456789012/routing"
    assert iam.required(call("sqs", "SendMessage", QueueUrl=queue), WHERE) == [
        ("sqs:SendMessage", "arn:aws:sqs:eu-west-3:123456789012:routing")]
    assert iam.required(call("sns", "Publish", PhoneNumber=True), WHERE) == [("sns:Publish", "*")]
    assert iam.required(call("secretsmanager", "GetSecretValue", SecretId="jwt"), WHERE) == [
        ("secretsmanager:GetSecretValue",
         "arn:aws:secretsmanager:eu-west-3:123456789012:secret:jwt")]
    assert iam.required(call("execute-api", "DeleteConnection",
                             "https://ab12cd.execute-api.eu-west-3.amazonaws.com/api",
                             ConnectionId="Xy="), WHERE) == [
        ("execute-api:ManageConnections",
         "arn:aws:execute-api:eu-west-3:123456789012:ab12cd/api/DELETE/@connections/Xy=")]


def test_only_what_a_statement_allows_passes_and_a_deny_wins():
    document = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:Query"],
         "Resource": [TABLE + "chat", TABLE + "chat/index/*"]},
        {"Effect": "Allow", "Action": "execute-api:ManageConnections",
         "Resource": "arn:aws:execute-api:eu-west-3:123456789012:local/api/*/@connections/*"},
        {"Effect": "Deny", "Action": "dynamodb:Query", "Resource": TABLE + "chat/index/secret"},
    ]}
    allowed = [call("dynamodb", "GetItem", TableName="chat"),
               call("dynamodb", "Query", TableName="chat", IndexName="by-member"),
               call("execute-api", "PostToConnection", "http://127.0.0.1:9/", ConnectionId="c")]
    assert iam.denied(allowed, [document], WHERE) == []
    refused = [call("dynamodb", "PutItem", TableName="chat"),
               call("dynamodb", "GetItem", TableName="claims"),
               call("dynamodb", "Query", TableName="chat", IndexName="secret"),
               call("execute-api", "PostToConnection",
                    "https://other.execute-api.eu-west-3.amazonaws.com/api", ConnectionId="c")]
    assert [d["operation"] for d in iam.denied(refused, [document], WHERE)] == [
        "PutItem", "GetItem", "Query", "PostToConnection"]
